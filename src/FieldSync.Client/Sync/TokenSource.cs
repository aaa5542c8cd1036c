using System.Net;

namespace FieldSync.Client.Sync;

/// <summary>Keeps the bearer token the app's provider gave, and asks for a new one when the server refuses it.</summary>
internal sealed class TokenSource(Func<CancellationToken, ValueTask<string>> provider)
{
    private string? _token;

    /// <summary>The cached token, or a fresh one from the provider when there is none or <paramref name="refresh"/> is set.</summary>
    /// <exception cref="FieldSyncException">The provider gave no token.</exception>
    public async ValueTask<string> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var token = refresh ? null : Volatile.Read(ref _token);
        if (token is not null)
        {
            return token;
        }

        token = await provider(cancellationToken);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new FieldSyncException("The access token provider gave no token.", isTransient: false, HttpStatusCode.Unauthorized,
                "unauthorized");
        }

        Volatile.Write(ref _token, token);
        return token;
    }
}
