using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FieldSync.Server.Tests.BadInput;

public sealed class AuthenticationTests(AuthenticationTests.Host fixture) : IClassFixture<AuthenticationTests.Host>
{
    public sealed class Host() : BadInputServer();

    private readonly TestServer _server = fixture.Server;

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Request_without_a_token_is_unauthorized_and_changes_nothing(string endpoint)
    {
        var answer = await SendAsync(endpoint, token: null);

        answer.AssertProblem(401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Token_signed_with_another_key_is_unauthorized_and_changes_nothing(string endpoint)
    {
        var otherKey = RandomNumberGenerator.GetBytes(64);
        var forged = Sign(otherKey, BadInputServer.Nurse, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1));

        var answer = await SendAsync(endpoint, forged);

        answer.AssertProblem(401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Expired_token_is_unauthorized_and_changes_nothing(string endpoint)
    {
        var expired = Sign(ServerKey(), BadInputServer.Nurse, DateTime.UtcNow.AddHours(-3), DateTime.UtcNow.AddHours(-2));

        var answer = await SendAsync(endpoint, expired);

        answer.AssertProblem(401, "unauthorized");
        Assert.Contains("expired", (string?)answer.Body!["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Token_of_a_user_that_does_not_exist_is_unauthorized_and_changes_nothing(string endpoint)
    {
        var answer = await SendAsync(endpoint, _server.TokenFor("ghost"));

        answer.AssertProblem(401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task User_id_of_another_user_is_forbidden_and_changes_nothing(string endpoint)
    {
        var request = BadInputServer.ValidRequest(endpoint);
        request["userId"] = "seeder";

        var answer = await SendAsync(endpoint, _server.TokenFor(BadInputServer.Nurse), request.ToJsonString());

        answer.AssertProblem(403, "forbidden_user", "userId");
    }

    [Fact]
    public async Task Control_the_same_requests_with_a_valid_token_succeed()
    {
        foreach (var endpoint in BadInputServer.EndpointPaths)
        {
            var request = BadInputServer.ValidRequest(endpoint);
            request["userId"] = BadInputServer.Nurse;
            var answer = await HttpAnswer.SendAsync(Client(_server.TokenFor(BadInputServer.Nurse)), HttpMethod.Post, endpoint,
                request.ToJsonString());
            Assert.True(answer.Status == 200, $"{endpoint} answered {answer.Status}: {answer.Text}");
        }
    }

    private async Task<HttpAnswer> SendAsync(string endpoint, string? token, string? body = null)
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var answer = await HttpAnswer.SendAsync(Client(token), HttpMethod.Post, endpoint,
            body ?? BadInputServer.ValidRequest(endpoint).ToJsonString());
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
        return answer;
    }

    private HttpClient Client(string? token)
    {
        var client = _server.Client(null);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private byte[] ServerKey() => Convert.FromBase64String(File.ReadAllText(Path.Combine(_server.DataDirectory, "jwt.key")).Trim());

    private static string Sign(byte[] key, string userId, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "fieldsync",
            Audience = "fieldsync",
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
}
