using System.IO.Compression;
using System.Threading.RateLimiting;
using FieldSync.Core;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;
using FieldSync.Core.Realtime;
using FieldSync.Core.Status;
using FieldSync.Core.Sync;
using FieldSync.Core.Validation;
using FieldSync.Server.Appwrite;
using FieldSync.Server.Auth;
using FieldSync.Server.Errors;
using FieldSync.Server.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;

namespace FieldSync.Server.Hosting;

/// <summary>Registers everything the server needs: storage, engine, authentication, limits, problem details.</summary>
public static class FieldSyncServices
{
    /// <summary>The rate limiter policy applied to every authenticated endpoint.</summary>
    public const string PerUserPolicy = "per-user";

    /// <summary>Adds FieldSync to the host, reading the configuration file (which must be valid) and the signing key.</summary>
    /// <exception cref="ConfigurationException">The configuration file is missing or wrong.</exception>
    public static WebApplicationBuilder AddFieldSync(this WebApplicationBuilder builder, ServerSettings settings)
    {
        var configuration = SyncConfigurationLoader.Load(settings.ConfigFile);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddFieldSyncStorage(settings);
        services.AddSingleton<DocumentValidator>();
        services.AddSingleton<DocumentWriter>();
        services.AddSingleton<PullService>();
        services.AddSingleton<PushService>();
        services.AddSingleton<ResolveService>();
        services.AddSingleton<ValidationService>();
        services.AddSingleton<RealtimeService>();
        services.AddSingleton<StatusService>();
        services.AddSingleton<RealtimeDeliveryLog>();
        services.AddHostedService(sp => sp.GetRequiredService<RealtimeDeliveryLog>());
        services.AddSingleton<RealtimeHub>();
        services.AddSingleton<INotificationPublisher>(sp => sp.GetRequiredService<RealtimeHub>());
        services.AddHostedService<LogRetentionService>();
        var key = JwtKey.Load(settings.DataDirectory);
        services.AddSingleton(key);
        services.AddSingleton<TokenIssuer>();
        services.AddFieldSyncAuthentication(key);
        services.AddAppwriteCompatibility(configuration);
        // The framework's key ring lives with the rest of the server's state instead of the user profile.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = SyncJson.Options.PropertyNamingPolicy;
            SyncJson.Wire(o.SerializerOptions);
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = configuration.Requests.MaxBodyBytes);
        AddProblems(services);
        AddLimits(services, configuration);
        AddCompression(services);
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        services.AddOpenApi();
        return builder;
    }

    private static void AddProblems(IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var extensions = context.ProblemDetails.Extensions;
            if (!extensions.ContainsKey("code"))
            {
                // Kestrel's body limit and the JSON body binder answer 413 and 415 themselves, without the exception handler.
                extensions["code"] = context.ProblemDetails.Status switch
                {
                    404 => ErrorCodes.NotFound,
                    405 => "method_not_allowed",
                    413 => ErrorCodes.PayloadTooLarge,
                    415 => "unsupported_media_type",
                    _ => "http_" + context.ProblemDetails.Status,
                };
                context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
                {
                    413 => "The request body is larger than the server accepts; send smaller batches.",
                    415 => "Send the body as JSON with Content-Type: application/json.",
                    _ => null,
                };
                extensions["errors"] = Array.Empty<object>();
            }
        });
        services.AddExceptionHandler<FieldSyncExceptionHandler>();
    }

    private static void AddLimits(IServiceCollection services, SyncConfiguration configuration)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PerUserPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.Requests.PerUserPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ProblemWriter.WriteAsync(context.HttpContext, 429, ErrorCodes.RateLimited,
                    $"At most {configuration.Requests.PerUserPerMinute} requests per minute per user; wait and try again.", []);
            };
        });
    }

    private static void AddCompression(IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }
}
