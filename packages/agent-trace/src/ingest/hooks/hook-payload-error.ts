import { AgentTraceError } from '../../errors.js';

/**
 * A body that is not a hook event object. `field` names what is wrong (`(root)` for the whole payload), so the
 * collector can answer 400 with a message that helps, and the spool drain can dead-letter the event with it.
 */
export class HookPayloadError extends AgentTraceError {
  readonly code = 'invalid_hook_payload';
  readonly field: string;
  constructor(field: string, problem: string) {
    super('usage', `invalid hook payload: ${field === '(root)' ? '' : `${field} `}${problem}`);
    this.name = 'HookPayloadError';
    this.field = field;
  }
}
