using FieldSync.Core.Security;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Appwrite;

/// <summary>An asynchronous execution waiting for a worker.</summary>
/// <param name="Job">The job to run.</param>
/// <param name="Caller">Who asked.</param>
/// <param name="Execution">Its stored record.</param>
/// <param name="Request">What the function receives.</param>
public sealed record QueuedExecution(string Job, SyncCaller Caller, FunctionExecution Execution, FunctionRequest Request);
