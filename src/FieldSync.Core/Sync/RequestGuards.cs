using System.Text.RegularExpressions;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;

namespace FieldSync.Core.Sync;

/// <summary>The checks every endpoint makes of the fields it shares with the others.</summary>
public static partial class RequestGuards
{
    /// <summary>The longest device, document or operation id accepted.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Refuses a request whose <c>userId</c> names another user than the token's.</summary>
    /// <exception cref="SyncRequestException"><c>forbidden_user</c>.</exception>
    public static void CheckUser(SyncCaller caller, string? userId)
    {
        if (userId is not null && userId != caller.UserId)
        {
            throw SyncRequestException.ForField(ErrorCodes.ForbiddenUser, "userId", "matches_token",
                "userId must be the user of the bearer token (or be left out).");
        }
    }

    /// <summary>The device id, which must be present and well formed.</summary>
    /// <exception cref="SyncRequestException"><c>validation_failed</c>.</exception>
    public static string RequireDevice(string? deviceId, string field = "deviceId") =>
        IsId(deviceId) ? deviceId! : throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, field, "required",
            $"{field} is required: 1 to {MaxIdLength} letters, digits or . _ : - characters.");

    /// <summary>Whether <paramref name="id"/> is a well-formed id: 1 to 128 letters, digits or <c>. _ : -</c>.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    /// <summary>The collection's configuration.</summary>
    /// <exception cref="SyncRequestException"><c>unknown_collection</c> or <c>validation_failed</c> when absent.</exception>
    public static CollectionConfiguration RequireCollection(SyncConfiguration configuration, string? name, string field = "collection")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, field, "required", $"{field} is required.");
        }

        return configuration.Collections.TryGetValue(name, out var collection)
            ? collection
            : throw SyncRequestException.ForField(ErrorCodes.UnknownCollection, field, "known_collection",
                $"'{Shorten(name)}' is not a collection of this server; known: {string.Join(", ", configuration.Collections.Keys)}.");
    }

    /// <summary>Cuts client text that is echoed in an error message to a readable length.</summary>
    public static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex IdPattern();
}
