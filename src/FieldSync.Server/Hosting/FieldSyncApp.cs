using FieldSync.Core.Storage;

namespace FieldSync.Server.Hosting;

/// <summary>Builds the web application the way <c>fieldsync serve</c> runs it; tests host the same.</summary>
public static class FieldSyncApp
{
    /// <summary>Builds the app for <paramref name="settings"/> and creates or migrates the storage schema.</summary>
    public static async Task<WebApplication> CreateAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.AddFieldSync(settings);
        var app = builder.Build();
        app.MapFieldSync();
        await app.Services.GetRequiredService<ISyncStore>().InitializeAsync(cancellationToken);
        return app;
    }
}
