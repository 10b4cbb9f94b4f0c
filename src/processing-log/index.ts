export { processingLogMigrations } from './migrations.ts';
export {
  type Actor,
  ProcessingLogError,
  type ProcessingRecord,
  processingFor,
  processingRecordExpression,
  recordProcessing,
  verifyChain,
} from './service.ts';
