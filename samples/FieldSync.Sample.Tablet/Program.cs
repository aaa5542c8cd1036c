using System.CommandLine;
using FieldSync.Sample.Tablet;

// A tablet for a day in the field: it registers and edits patients offline in its own file, then (given a server and a
// token) syncs, printing progress, conflicts and refusals.
var server = new Option<Uri?>("--server")
{
    Description = "The FieldSync server, e.g. http://127.0.0.1:5080 (leave out to stay offline)",
    CustomParser = r =>
    {
        if (Uri.TryCreate(r.Tokens.Single().Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }

        r.AddError($"--server '{r.Tokens.Single().Value}' is not an http or https address.");
        return null;
    },
};
var token = new Option<string?>("--token") { Description = "A bearer token (fieldsync token --user ID, or one printed by serve --demo)" };
var facility = new Option<string>("--facility")
{
    Description = "The facility the nurse registers patients in", DefaultValueFactory = _ => "fac-kano-001",
};
var database = new Option<string>("--db") { Description = "The tablet's SQLite file", DefaultValueFactory = _ => "tablet.db" };
var device = new Option<string?>("--device") { Description = "The device id (default: the one stored in the file, or a new one)" };
var root = new RootCommand("Plays a FieldSync tablet: works offline against its own file, then syncs.")
{
    server, token, facility, database, device,
};
root.SetAction(async (result, cancellationToken) =>
{
    var url = result.GetValue(server);
    var bearer = result.GetValue(token);
    if ((url is null) != (bearer is null))
    {
        await Console.Error.WriteLineAsync("fieldsync-tablet: give --server and --token together (or neither, to stay offline).");
        return 2;
    }

    var tablet = new TabletSession(result.GetValue(database)!, result.GetValue(device), result.GetValue(facility)!, Console.Out);
    return await tablet.RunAsync(url, bearer, cancellationToken);
});
return await root.Parse(args).InvokeAsync();
