namespace FieldSync.Server.Tests.Cli;

public sealed class ServeConfigurationTests : IDisposable
{
    private readonly CliDataDirectory _directory = new();

    [Theory]
    [InlineData("""{ "collections": { "patients": { "conflictStrategy": "sometimes" } } }""",
        "$.collections.patients.conflictStrategy", "could not be converted")]
    [InlineData("""{ "collections": { "patients": { "fields": { "age": { "type": "integer", "min": 10, "max": 1 } } } } }""",
        "$.collections.patients.fields.age.min", "min is greater than max")]
    [InlineData("""{ "collections": { "patients": { "fields": { "phone": { "pattern": "([0-9]" } } } } }""",
        "$.collections.patients.fields.phone.pattern", "not a valid regular expression")]
    [InlineData("""{ "collections": { "records": { "fields": { "patient_id": { "references": "patients" } } } } }""",
        "$.collections.records.fields.patient_id.references", "'patients'")]
    [InlineData("""{ "collections": {} }""", "$.collections", "at least one collection")]
    [InlineData("""{ "collections": { "patients": {} }, "pull": { "maxPages": 0 } }""", "$.pull.maxPages", "at least 1")]
    [InlineData("""{ "collections": { "patients": { "facilityFeild": "fac" } } }""", "$.collections.patients", "facilityFeild")]
    public async Task Bad_configuration_stops_serve_naming_the_file_the_path_and_the_problem(string json, string path, string problem)
    {
        var file = _directory.Write("bad-config.json", json);

        var run = await FieldSyncProcess.RunAsync(_directory.Root,
            ["serve", "--data", _directory.Data, "--config", file, "--urls", "http://127.0.0.1:0", .. await _directory.StorageArgsAsync()]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(path, run.Stderr, StringComparison.Ordinal);
        Assert.Contains(problem, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_that_is_not_json_stops_serve_naming_the_file()
    {
        var file = _directory.Write("bad-config.json", """{ "collections": { "patients": """);

        var run = await FieldSyncProcess.RunAsync(_directory.Root,
            ["serve", "--data", _directory.Data, "--config", file, "--urls", "http://127.0.0.1:0", .. await _directory.StorageArgsAsync()]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("$", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_configuration_file_stops_serve_naming_the_file()
    {
        var file = Path.Combine(_directory.Root, "no-such-config.json");

        var run = await FieldSyncProcess.RunAsync(_directory.Root,
            ["serve", "--data", _directory.Data, "--config", file, "--urls", "http://127.0.0.1:0", .. await _directory.StorageArgsAsync()]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("does not exist", run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
