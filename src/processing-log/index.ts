export { processingLogMigrations } from './migrations.ts';
export {
  type Actor,
  ProcessingLogError,
  type ProcessingRecord,
  processingFor,
  recordProcessing,
  verifyChain,
} from './service.ts';
