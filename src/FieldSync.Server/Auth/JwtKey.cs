using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace FieldSync.Server.Auth;

/// <summary>
/// The HMAC key that signs and checks bearer tokens: <c>FIELDSYNC_JWT_KEY</c> when set, else <c>jwt.key</c> in the
/// data directory, made on first use and readable by its owner only.
/// </summary>
public sealed class JwtKey
{
    private const string FileName = "jwt.key";

    private JwtKey(byte[] bytes) => SecurityKey = new SymmetricSecurityKey(bytes);

    /// <summary>The signing key.</summary>
    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>Loads the key, creating it in <paramref name="dataDirectory"/> on first use.</summary>
    public static JwtKey Load(string dataDirectory)
    {
        if (Environment.GetEnvironmentVariable("FIELDSYNC_JWT_KEY") is { Length: > 0 } fromEnvironment)
        {
            var bytes = Encoding.UTF8.GetBytes(fromEnvironment);
            return bytes.Length >= 32
                ? new JwtKey(bytes)
                : throw new InvalidOperationException("FIELDSYNC_JWT_KEY must be at least 32 bytes long; use a random string.");
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            File.WriteAllText(path, fresh);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new JwtKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
