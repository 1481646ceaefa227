/**
 * Packages MLflow 2.9.2 required and MLflow 3 does not (catalogue item #60): the module code
 * imports, the distribution a manifest declares, and since when MLflow no longer requires it
 * (databricks-cli: 2.11, PR #11010; the others somewhere in 2.x, gone by 3.x).
 */
export const DROPPED_DEPENDENCIES = [
  { module: 'databricks_cli', package: 'databricks-cli', droppedIn: '2.11' },
  { module: 'entrypoints', package: 'entrypoints', droppedIn: '3' },
  { module: 'querystring_parser', package: 'querystring-parser', droppedIn: '3' },
  { module: 'pytz', package: 'pytz', droppedIn: '3' },
  { module: 'jinja2', package: 'jinja2', droppedIn: '3' },
  { module: 'markdown', package: 'markdown', droppedIn: '3' },
] as const;

export type DroppedDependency = (typeof DROPPED_DEPENDENCIES)[number];

/** The MLF906 message; the project-level check reads the package back from the `(\`name\`)` part. */
export function droppedDependencyMessage(module: string, dep: DroppedDependency): string {
  const since = dep.droppedIn === '3' ? '3 no longer requires' : `${dep.droppedIn} and later no longer require`;
  return `\`${module}\` was installed as a requirement of MLflow 2.9.2 (\`${dep.package}\`); MLflow ${since} it`;
}

export function droppedDependencyOf(message: string): DroppedDependency | undefined {
  return DROPPED_DEPENDENCIES.find((d) => message.includes(`(\`${d.package}\`)`));
}
