namespace FieldSync.Core.Storage;

/// <summary>A page of executions and how many the query selects in all.</summary>
/// <param name="Total">Every execution the query selects, not only this page's.</param>
/// <param name="Executions">The page, newest first.</param>
public sealed record ExecutionPage(int Total, IReadOnlyList<FunctionExecution> Executions);
