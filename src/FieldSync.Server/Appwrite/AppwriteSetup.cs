using FieldSync.Core.Configuration;
using Microsoft.AspNetCore.Authentication;

namespace FieldSync.Server.Appwrite;

/// <summary>Wiring of the Appwrite-compatible endpoint.</summary>
public static class AppwriteSetup
{
    /// <summary>
    /// Adds the <c>Appwrite</c> authentication scheme and policy, the function runner, the execution queue and the
    /// problem writer of the Appwrite paths. Call it before <c>AddProblemDetails</c>, so its writer comes first.
    /// </summary>
    public static IServiceCollection AddAppwriteCompatibility(this IServiceCollection services, SyncConfiguration configuration)
    {
        services.AddSingleton(new AppwriteOptions(configuration));
        services.AddSingleton<AppwriteCredentials>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AppwriteAuthentication>(AppwriteAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(AppwriteAuthentication.Policy,
            policy => policy.AddAuthenticationSchemes(AppwriteAuthentication.SchemeName).RequireAuthenticatedUser());
        services.AddSingleton<IProblemDetailsWriter, AppwriteProblemWriter>();
        services.AddSingleton<RealtimeTrigger>();
        services.AddSingleton<FunctionRunner>();
        services.AddSingleton<ExecutionRunner>();
        services.AddSingleton<ExecutionQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ExecutionQueue>());
        return services;
    }

    /// <summary>Adds the middleware of the Appwrite paths (CORS, project, caller); place it after authentication, before rate limits.</summary>
    public static IApplicationBuilder UseAppwriteCompatibility(this IApplicationBuilder app) => app.UseMiddleware<AppwriteMiddleware>();
}
