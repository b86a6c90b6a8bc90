/** The model id Claude Code gives messages it wrote itself (errors, interruptions): they cost nothing. */
export const SYNTHETIC_MODEL = '<synthetic>';
