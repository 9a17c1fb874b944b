/** Returns the ES module `specifier` loaded by a real dynamic `import()`, from CommonJS code. */
declare function importEsm<T>(specifier: string): Promise<T>;
export = importEsm;
