using System.Security.Claims;
using System.Text.Encodings.Web;
using FieldSync.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// The <c>Appwrite</c> authentication scheme: the credentials of <see cref="AppwriteCredentials"/>, a caller taken from the
/// user table (or the API key), and a challenge that answers the way the SDKs expect (401 with an Appwrite type).
/// </summary>
public sealed class AppwriteAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppwriteCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Appwrite";

    /// <summary>The authorization policy of the function endpoints.</summary>
    public const string Policy = "appwrite";

    /// <summary>The claim that says which credential was used: <c>key</c> or <c>jwt</c>.</summary>
    public const string CredentialClaim = "fieldsync:credential";

    /// <summary>Whether the authenticated caller of the request is the server API key.</summary>
    public static bool IsKey(HttpContext context) => context.User.HasClaim(CredentialClaim, "key");

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var check = await credentials.CheckAsync(Request, Context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            return check.FailureType is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(new RefusedCredential(check));
        }

        Context.SetCaller(caller);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.UserId), new Claim(CredentialClaim, check.IsKey ? "key" : "jwt")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var (type, message) = result.Failure is RefusedCredential refused
            ? (refused.Check.FailureType!, refused.Check.FailureMessage!)
            : (AppwriteErrors.UserUnauthorized,
                "No permissions provided for action 'execute': send a FieldSync token as the JWT (client.setJWT(token)) or the server API key.");
        await AppwriteErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, type, message);
    }

    private sealed class RefusedCredential(CredentialCheck check) : Exception(check.FailureMessage)
    {
        public CredentialCheck Check { get; } = check;
    }
}
