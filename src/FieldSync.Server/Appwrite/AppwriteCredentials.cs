using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// Reads the credentials the Appwrite SDKs send: a FieldSync token as <c>X-Appwrite-JWT</c> (or as the session,
/// <c>X-Appwrite-Session</c>; or <c>jwt</c> in the realtime URL), checked with the very parameters of the bearer scheme
/// and the user table; or the server API key as <c>X-Appwrite-Key</c>, which makes a <c>system</c> caller.
/// </summary>
public sealed class AppwriteCredentials(AppwriteOptions options, IOptionsMonitor<JwtBearerOptions> bearer, ISyncStore store)
{
    /// <summary>The user id under which a server API key appears in the logs.</summary>
    public const string KeyUserId = "appwrite-api-key";

    private static readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>Checks the credentials of a request; <see cref="CredentialCheck.None"/> when it carries none.</summary>
    public async Task<CredentialCheck> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = Header(request, "X-Appwrite-JWT") ?? Header(request, "X-Appwrite-Session")
            ?? (request.Path.StartsWithSegments(AppwritePaths.Realtime, StringComparison.Ordinal) && request.Query["jwt"] is [{ Length: > 0 } q]
                ? q : null);
        if (token is not null)
        {
            return await CheckTokenAsync(token, cancellationToken);
        }

        if (Header(request, "X-Appwrite-Key") is { } key)
        {
            return options.IsApiKey(key)
                ? CredentialCheck.Valid(new SyncCaller(KeyUserId, UserRole.System, FacilityScope.All), isKey: true)
                : CredentialCheck.Refused(AppwriteErrors.UserUnauthorized, options.HasApiKey
                    ? "The API key is not valid on this server."
                    : "This server accepts no API key: set appwrite.apiKey in the configuration or FIELDSYNC_APPWRITE_KEY.");
        }

        return CredentialCheck.None;
    }

    /// <summary>Checks a FieldSync token, as the bearer scheme would, and finds its user.</summary>
    public async Task<CredentialCheck> CheckTokenAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = bearer.Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var result = await _handler.ValidateTokenAsync(token, parameters);
        var userId = result.IsValid ? result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value : null;
        var user = userId is null ? null : await store.FindUserAsync(userId, cancellationToken);
        return user is null
            ? CredentialCheck.Refused(AppwriteErrors.JwtInvalid,
                "The JWT is not a valid FieldSync token of a user of this server (signature, issuer, audience, expiry or user); " +
                "get a new one with `fieldsync token --user ID`.")
            : CredentialCheck.Valid(SyncCaller.For(user), isKey: false);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values is [{ Length: > 0 } value] ? value : null;
}
