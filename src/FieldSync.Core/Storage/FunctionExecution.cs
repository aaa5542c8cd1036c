namespace FieldSync.Core.Storage;

/// <summary>
/// A row of <c>function_executions</c>: one run of a function of the Appwrite-compatible endpoint, as its callers read it
/// back. Headers are stored as the JSON text of a <c>[{"name","value"}]</c> list.
/// </summary>
public sealed record FunctionExecution
{
    /// <summary>The execution id.</summary>
    public required string Id { get; init; }
    /// <summary>The function id it ran.</summary>
    public required string FunctionId { get; init; }
    /// <summary>The user who ran it; null for a server API key.</summary>
    public string? UserId { get; init; }
    /// <summary><c>http</c>, <c>schedule</c> or <c>event</c>.</summary>
    public required string Trigger { get; init; }
    /// <summary><c>waiting</c>, <c>processing</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>The method the caller named.</summary>
    public required string RequestMethod { get; init; }
    /// <summary>The path the caller named.</summary>
    public required string RequestPath { get; init; }
    /// <summary>The request headers kept (JSON list).</summary>
    public required string RequestHeaders { get; init; }
    /// <summary>The function's HTTP status; 0 until it has run.</summary>
    public int ResponseStatusCode { get; init; }
    /// <summary>The function's response body; empty until it has run, and when not kept.</summary>
    public string ResponseBody { get; init; } = "";
    /// <summary>The function's response headers (JSON list).</summary>
    public string ResponseHeaders { get; init; } = "[]";
    /// <summary>Log text, shown to server keys only.</summary>
    public string Logs { get; init; } = "";
    /// <summary>Error text, shown to server keys only.</summary>
    public string Errors { get; init; } = "";
    /// <summary>Run time in seconds.</summary>
    public double DurationSeconds { get; init; }
    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}
