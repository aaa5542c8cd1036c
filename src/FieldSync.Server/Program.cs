using FieldSync.Server.Cli;

return await FieldSyncCommand.RunAsync(args);
