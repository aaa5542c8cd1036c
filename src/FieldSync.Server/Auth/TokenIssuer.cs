using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FieldSync.Server.Auth;

/// <summary>Makes bearer tokens that name a user; role and facilities stay in the user table.</summary>
public sealed class TokenIssuer(JwtKey key, TimeProvider clock)
{
    /// <summary>The issuer and audience of every FieldSync token.</summary>
    public const string Issuer = "fieldsync";

    /// <summary>A signed token for <paramref name="userId"/>, valid for <paramref name="lifetime"/>.</summary>
    public string Issue(string userId, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
