/**
 * A short, content-free class for an error text: the text itself is content (it can quote code, paths or
 * command output) and is stored only as `content.error`; the class is metadata, kept at every privacy tier,
 * and used as the span's status message.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/interrupt|aborted by user|user (?:rejected|denied)/i, 'interrupted'],
  [/timed? ?out|timeout|ETIMEDOUT/i, 'timeout'],
  [/permission|not allowed|denied|EACCES|EPERM/i, 'permission_denied'],
  [/ENOENT|no such file|not found|does not exist/i, 'not_found'],
  [/rate.?limit|429|overloaded|529/i, 'rate_limited'],
  [/exit(?:ed)? (?:with )?(?:code|status) \d+|exit code/i, 'exit_code'],
  [/invalid|validation|malformed|schema/i, 'invalid_input'],
  [/network|ECONNREFUSED|ECONNRESET|ENOTFOUND|socket/i, 'network'],
];

export const errorClassOf = (errorText: string | null, isInterrupt: boolean | null): string => {
  if (isInterrupt === true) return 'interrupted';
  if (errorText === null) return 'tool_error';
  for (const [pattern, cls] of RULES) if (pattern.test(errorText)) return cls;
  return 'tool_error';
};
