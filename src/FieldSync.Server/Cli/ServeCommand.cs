using System.CommandLine;
using FieldSync.Server.Demo;
using FieldSync.Server.Hosting;

namespace FieldSync.Server.Cli;

/// <summary><c>fieldsync serve [--urls URL] [--demo]</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (also FIELDSYNC_URLS)",
            DefaultValueFactory = _ => new ServerSettings().Urls,
        };
        var demo = new Option<bool>("--demo") { Description = "Load a small demo data set first and print ready-to-use tokens" };
        var command = new Command("serve", "Run the server") { urls, demo };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = CommonOptions.Settings(result, result.GetValue(urls));
            await using var app = await FieldSyncApp.CreateAsync(settings, cancellationToken);
            if (result.GetValue(demo))
            {
                await DemoData.LoadAsync(app.Services, cancellationToken);
                DemoData.PrintTokens(app.Services, settings.Urls, Console.Out);
            }

            ServerLog.Started(app.Logger, settings.Urls, settings.DataDirectory);
            await app.RunAsync();
            return 0;
        });
        return command;
    }
}
