/** The package version, as `--version` prints it and exports record it; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
