using FieldSync.Core.Security;

namespace FieldSync.Server.Auth;

/// <summary>The caller of a request, as the authentication step found them in the user table.</summary>
public static class CallerContext
{
    private static readonly object _key = new();

    /// <summary>Remembers the caller for the rest of the request.</summary>
    public static void SetCaller(this HttpContext context, SyncCaller caller) => context.Items[_key] = caller;

    /// <summary>The authenticated caller; only valid behind <c>RequireAuthorization()</c>.</summary>
    public static SyncCaller GetCaller(this HttpContext context) =>
        context.Items[_key] as SyncCaller ?? throw new InvalidOperationException("The endpoint is missing RequireAuthorization().");
}
