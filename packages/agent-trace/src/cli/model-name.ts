/** 'claude-sonnet-4-5-20250929' → 'sonnet-4-5', as people say it; other ids lose only a trailing date. */
export const shortModelName = (model: string): string =>
  model
    .replace(/^(anthropic[./])/, '')
    .replace(/^claude-/, '')
    .replace(/-\d{8}$/, '');
