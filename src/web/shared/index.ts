/** The shared web foundation for the portal and the workbench: import from here. See README.md. */
export { assetUrl, registerWebAssets } from './assets.ts';
export * from './components.ts';
export { DESIGN_REFERENCE_PATH, registerDesignReference } from './design-reference.ts';
export * from './form.ts';
export { attrs, classes, escapeHtml, html, join, type Renderable, raw, SafeHtml, safeUrl } from './html.ts';
export {
  CONTACT_PATH,
  defaultHumanLink,
  LOGOUT_PATH,
  PAGE_CSP,
  type PageOptions,
  type PageUser,
  renderPage,
  sendPage,
} from './layout.ts';
export * from './navigation.ts';
export * from './progress.ts';
export { texts, type WebTexts } from './texts.nl.ts';
export { SIGNALS_HELP_PATH, WORKBENCH_HELP_PATH, WORKBENCH_PATHS, workbenchMenu } from './workbench-menu.ts';
export {
  renderWorkbenchPage,
  sendWorkbenchPage,
  type WorkbenchPage,
  type WorkbenchPageOptions,
} from './workbench-page.ts';
