/** What a redacted value is replaced with; one constant per kind so callers and tests agree. */
export const REDACTED = '[REDACTED]';
export const API_KEY = '[API_KEY]';
export const EMAIL = '[EMAIL]';
export const SSN = '[SSN]';
export const CARD = '[CARD]';
export const REDACTED_PATH = '[REDACTED_PATH]';

const PLACEHOLDER = /^\[(?:REDACTED|API_KEY|EMAIL|SSN|CARD|REDACTED_PATH)\]/;

/** True when a value already starts with a placeholder, so a later rule does not redact twice. */
export const isPlaceholder = (value: string): boolean => PLACEHOLDER.test(value);
