import type { Redactor } from '../privacy/index.js';
import type { SessionUpsert } from '../store/types.js';

/**
 * A session as the store may keep it. The project is its salted hash (of the cwd, the root every layer
 * reports); its readable name and the cwd are kept only when the user opted in (`privacy.keepProjectNames`),
 * and even then a sensitive cwd is `[REDACTED_PATH]`. A user id is hashed with the same salt. Titles (which
 * agents draw from the prompts) and branch names pass the secret and PII rules.
 */
export const redactSession = (session: SessionUpsert, rootless: Redactor, keepProjectNames: boolean): SessionUpsert => {
  const out: SessionUpsert = { ...session };
  const cwd = session.cwd ?? null;
  if (cwd !== null) {
    const identity = rootless.projectIdentity(cwd);
    out.projectHash = identity.hash;
    out.projectName = keepProjectNames && !rootless.isSensitivePath(cwd) ? identity.name : null;
    // Opted in, the cwd is kept as the agent reported it: reports name projects by its path, as ccusage does.
    out.cwd = keepProjectNames ? (rootless.isSensitivePath(cwd) ? rootless.redactPath(cwd) : cwd) : null;
  } else {
    if (session.projectHash) out.projectHash = rootless.hashIdentifier(session.projectHash);
    if (session.projectName !== undefined) out.projectName = keepProjectNames && session.projectName !== null ? rootless.redactString(session.projectName) : null;
  }
  if (session.userHash) out.userHash = rootless.hashIdentifier(session.userHash);
  if (session.title) out.title = rootless.redactString(session.title);
  if (session.gitBranch) out.gitBranch = rootless.redactString(session.gitBranch);
  return out;
};
