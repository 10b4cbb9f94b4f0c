import { caseEngineOf } from '../../cases/module.ts';
import { documentenOf } from '../../documenten/index.ts';
import type { BrpClient } from '../../facts/brp/index.ts';
import type { ModuleContext } from '../../platform/module.ts';
import type { RuleRegistry } from '../../rules/index.ts';
import { registerCasePage } from './case-page.ts';
import { registerDecisionPage, ruleTitles } from './decision-page.ts';
import { registerHome } from './home.ts';
import { registerMessages } from './messages.ts';
import { registerMyData } from './my-data.ts';
import { registerStart } from './start.ts';
import { registerTasks } from './tasks.ts';

export interface PortalDeps {
  /** The BRP (Haal Centraal), for prefilling forms and "my data"; null when none is configured. */
  brp: BrpClient | null;
  /** The rules, for the law a decision rests on and the title of what it is about. */
  registry: RuleRegistry;
}

/** Every portal page. */
export async function registerPortal(ctx: ModuleContext, deps: PortalDeps): Promise<void> {
  const db = ctx.database.db;
  const ruleTitle = ruleTitles(deps.registry);
  registerHome(ctx.app, db, ruleTitle);
  registerCasePage(ctx.app, db, ctx.config.baseUrl);
  registerDecisionPage(ctx.app, db, deps.registry);
  registerMyData(ctx.app, db, deps.brp);
  registerMessages(ctx.app, db, ruleTitle);
  registerStart(ctx.app, db, caseEngineOf(ctx.database), deps.brp);
  await registerTasks(ctx.app, db, caseEngineOf(ctx.database).records, documentenOf(ctx.database));
}
