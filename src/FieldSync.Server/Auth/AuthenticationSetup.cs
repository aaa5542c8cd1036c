using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Server.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FieldSync.Server.Auth;

/// <summary>JWT bearer authentication with the framework's handler; the user table decides role and facilities.</summary>
public static class AuthenticationSetup
{
    /// <summary>Paths where browsers that cannot set headers may send <c>access_token</c> in the query.</summary>
    private static readonly string[] _queryTokenPaths = ["/v1/sync/events", "/v1/sync/ws", "/v1/realtime"];

    /// <summary>Adds bearer authentication checked against <paramref name="key"/> and the user table.</summary>
    public static IServiceCollection AddFieldSyncAuthentication(this IServiceCollection services, JwtKey key)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Issuer,
                IssuerSigningKey = key.SecurityKey,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = JwtRegisteredClaimNames.Sub,
            };
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = ReadQueryToken,
                OnTokenValidated = LoadCallerAsync,
                OnChallenge = WriteChallengeAsync,
            };
        });
        services.AddAuthorization();
        return services;
    }

    private static Task ReadQueryToken(MessageReceivedContext context)
    {
        if (context.Request.Query.TryGetValue("access_token", out var token)
            && _queryTokenPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.Ordinal)))
        {
            context.Token = token;
        }

        return Task.CompletedTask;
    }

    // Membership is read per request, so a revoked facility is gone at once, whatever the token says.
    private static async Task LoadCallerAsync(TokenValidatedContext context)
    {
        var userId = context.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<ISyncStore>();
        var user = userId is null ? null : await store.FindUserAsync(userId, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.Fail("The token's user does not exist on this server.");
            return;
        }

        context.HttpContext.SetCaller(SyncCaller.For(user));
    }

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var detail = context.AuthenticateFailure switch
        {
            null => "A bearer token is required: send Authorization: Bearer <token> (make one with `fieldsync token --user ID`).",
            SecurityTokenExpiredException => "The bearer token has expired; get a new one with `fieldsync token --user ID`.",
            _ => "The bearer token is not valid on this server (bad signature, issuer, audience, or unknown user).",
        };
        await ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, detail, []);
    }
}
