using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Tests;

public sealed partial class ConflictResolverTests
{
    private static readonly DateTimeOffset _t0 = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<ConflictStrategy> AllStrategies => new(Enum.GetValues<ConflictStrategy>());

    // Version 5 of a patient. first_name and last_name date from version 1; phone was changed in version 4 and
    // guardian_name in version 5. Field edit times are _t0 plus the version in hours.
    private static SyncDocument Server() => new()
    {
        Collection = "patients",
        Id = "pat-1",
        FacilityId = "fac-1",
        Version = 5,
        CreatedAt = _t0.AddHours(1),
        UpdatedAt = _t0.AddHours(5),
        Body = new JsonObject
        {
            ["facility_id"] = "fac-1",
            ["first_name"] = "Amina",
            ["last_name"] = "Okafor",
            ["phone"] = "+234 800 000 0004",
            ["guardian_name"] = "Fatima Okafor",
        },
        FieldEdits = new Dictionary<string, FieldEdit>
        {
            ["facility_id"] = new(1, _t0.AddHours(1)),
            ["first_name"] = new(1, _t0.AddHours(1)),
            ["last_name"] = new(1, _t0.AddHours(1)),
            ["phone"] = new(4, _t0.AddHours(4)),
            ["guardian_name"] = new(5, _t0.AddHours(5)),
        },
    };

    private static MergeInput Input(JsonObject changes, long? baseVersion, ConflictStrategy strategy, DateTimeOffset? clientTime = null) =>
        new(Server(), changes, baseVersion, clientTime ?? _t0.AddHours(3), strategy);

    // A client that edited version 3: it changed last_name (untouched on the server since version 1) and phone (which the
    // server changed in version 4).
    private static JsonObject StaleEdit() => new() { ["last_name"] = "Okafor-Bello", ["phone"] = "+234 800 000 0099" };

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public void An_edit_of_the_current_version_applies_every_changed_field_without_conflict(ConflictStrategy strategy)
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 5, strategy));

        Assert.False(outcome.Conflict);
        Assert.Equal(Resolutions.NoConflict, outcome.Resolution);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal("Fatima Okafor", (string?)outcome.Body["guardian_name"]);
        Assert.Equal(["last_name", "phone"], outcome.TakenFields.Order());
    }

    [Fact]
    public void Server_wins_keeps_the_whole_server_document_when_the_server_moved_past_the_base()
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 3, ConflictStrategy.ServerWins));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.KeptServer, outcome.Resolution);
        Assert.Empty(outcome.TakenFields);
        AssertJsonEqual(Server().Body, outcome.Body);
    }

    [Fact]
    public void Client_wins_overwrites_a_field_changed_on_both_sides_and_keeps_fields_the_client_did_not_send()
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 3, ConflictStrategy.ClientWins));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.AppliedClient, outcome.Resolution);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
        Assert.Equal("Fatima Okafor", (string?)outcome.Body["guardian_name"]);
    }

    [Fact]
    public void Merge_with_server_priority_keeps_server_value_of_a_field_changed_on_both_sides()
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 3, ConflictStrategy.MergeWithServerPriority));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.Merged, outcome.Resolution);
        Assert.Equal("+234 800 000 0004", (string?)outcome.Body["phone"]);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
        Assert.Equal(["last_name"], outcome.TakenFields);
    }

    [Fact]
    public void A_field_the_server_last_changed_in_the_base_version_itself_counts_as_changed_by_the_client_only()
    {
        // The client edited version 4, so it saw the server's phone change of version 4; only guardian_name moved since.
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 4, ConflictStrategy.MergeWithServerPriority));

        Assert.True(outcome.Conflict);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal(["last_name", "phone"], outcome.TakenFields.Order());
    }

    [Fact]
    public void Merge_with_server_priority_keeps_the_server_document_when_the_server_also_changed_every_field_the_client_changed()
    {
        var changes = new JsonObject { ["phone"] = "+234 800 000 0099", ["guardian_name"] = "Hauwa Okafor" };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion: 3, ConflictStrategy.MergeWithServerPriority));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.KeptServer, outcome.Resolution);
        Assert.Empty(outcome.TakenFields);
        AssertJsonEqual(Server().Body, outcome.Body);
    }

    [Fact]
    public void Merge_with_client_priority_takes_client_value_of_a_field_changed_on_both_sides_and_keeps_the_servers_other_changes()
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: 3, ConflictStrategy.MergeWithClientPriority));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.Merged, outcome.Resolution);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
        Assert.Equal("Fatima Okafor", (string?)outcome.Body["guardian_name"]);
    }

    [Theory]
    [InlineData(ConflictStrategy.ClientWins)]
    [InlineData(ConflictStrategy.MergeWithServerPriority)]
    [InlineData(ConflictStrategy.MergeWithClientPriority)]
    [InlineData(ConflictStrategy.FieldLevelMerge)]
    public void A_field_only_the_client_changed_since_its_base_is_taken_even_when_the_client_clock_is_far_behind(ConflictStrategy strategy)
    {
        var changes = new JsonObject { ["last_name"] = "Okafor-Bello", ["guardian_phone"] = "+234 800 000 0100" };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion: 3, strategy, clientTime: _t0.AddYears(-1)));

        Assert.True(outcome.Conflict);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
        Assert.Equal("+234 800 000 0100", (string?)outcome.Body["guardian_phone"]);
        Assert.Equal("+234 800 000 0004", (string?)outcome.Body["phone"]);
    }

    [Fact]
    public void Field_level_merge_gives_each_field_changed_on_both_sides_to_the_side_that_edited_it_last()
    {
        // The client edited at 4h30: after the server's phone edit (4h), before its guardian_name edit (5h).
        var changes = new JsonObject { ["phone"] = "+234 800 000 0099", ["guardian_name"] = "Hauwa Okafor" };

        var outcome = ConflictResolver.Merge(
            Input(changes, baseVersion: 3, ConflictStrategy.FieldLevelMerge, clientTime: _t0.AddHours(4.5)));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.Merged, outcome.Resolution);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal("Fatima Okafor", (string?)outcome.Body["guardian_name"]);
        Assert.Equal(["phone"], outcome.TakenFields);
    }

    [Fact]
    public void Field_level_merge_keeps_the_server_value_when_both_edits_of_a_field_share_one_time()
    {
        var changes = new JsonObject { ["phone"] = "+234 800 000 0099" };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion: 3, ConflictStrategy.FieldLevelMerge, clientTime: _t0.AddHours(4)));

        Assert.Equal("+234 800 000 0004", (string?)outcome.Body["phone"]);
        Assert.Equal(Resolutions.KeptServer, outcome.Resolution);
    }

    [Theory]
    [MemberData(nameof(AllStrategies))]
    public void Without_a_base_an_edit_made_after_the_servers_last_change_applies_without_conflict(ConflictStrategy strategy)
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: null, strategy, clientTime: _t0.AddHours(6)));

        Assert.False(outcome.Conflict);
        Assert.Equal(Resolutions.NoConflict, outcome.Resolution);
        Assert.Equal("+234 800 000 0099", (string?)outcome.Body["phone"]);
        Assert.Equal("Okafor-Bello", (string?)outcome.Body["last_name"]);
    }

    [Theory]
    [InlineData(ConflictStrategy.ServerWins, Resolutions.KeptServer, "Okafor", "+234 800 000 0004")]
    [InlineData(ConflictStrategy.MergeWithServerPriority, Resolutions.KeptServer, "Okafor", "+234 800 000 0004")]
    [InlineData(ConflictStrategy.ClientWins, Resolutions.AppliedClient, "Okafor-Bello", "+234 800 000 0099")]
    [InlineData(ConflictStrategy.MergeWithClientPriority, Resolutions.Merged, "Okafor-Bello", "+234 800 000 0099")]
    public void Without_a_base_an_edit_older_than_the_servers_last_change_is_a_conflict_on_every_field_it_changed(
        ConflictStrategy strategy, string resolution, string lastName, string phone)
    {
        var outcome = ConflictResolver.Merge(Input(StaleEdit(), baseVersion: null, strategy, clientTime: _t0.AddHours(3)));

        Assert.True(outcome.Conflict);
        Assert.Equal(resolution, outcome.Resolution);
        Assert.Equal(lastName, (string?)outcome.Body["last_name"]);
        Assert.Equal(phone, (string?)outcome.Body["phone"]);
    }

    [Fact]
    public void Without_a_base_field_level_merge_compares_the_client_time_with_each_fields_own_edit_time()
    {
        // At 4h30 the client is newer than last_name (1h) and phone (4h) but older than guardian_name (5h).
        var changes = new JsonObject
        {
            ["last_name"] = "Okafor-Bello", ["phone"] = "+234 800 000 0099", ["guardian_name"] = "Hauwa Okafor",
        };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion: null, ConflictStrategy.FieldLevelMerge, _t0.AddHours(4.5)));

        Assert.True(outcome.Conflict);
        Assert.Equal(Resolutions.Merged, outcome.Resolution);
        Assert.Equal(["last_name", "phone"], outcome.TakenFields.Order());
        Assert.Equal("Fatima Okafor", (string?)outcome.Body["guardian_name"]);
    }

    [Theory]
    [InlineData(ConflictStrategy.ServerWins, 5L)]
    [InlineData(ConflictStrategy.ClientWins, 3L)]
    [InlineData(ConflictStrategy.MergeWithServerPriority, 3L)]
    [InlineData(ConflictStrategy.MergeWithClientPriority, null)]
    [InlineData(ConflictStrategy.FieldLevelMerge, 3L)]
    public void Client_values_equal_to_the_servers_change_nothing(ConflictStrategy strategy, long? baseVersion)
    {
        var changes = new JsonObject { ["first_name"] = "Amina", ["phone"] = "+234 800 000 0004" };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion, strategy));

        // Nothing to settle, so nothing to write and nothing for a person to review in conflict_log.
        Assert.False(outcome.Conflict);
        Assert.Equal(Resolutions.NoConflict, outcome.Resolution);
        Assert.Empty(outcome.TakenFields);
        AssertJsonEqual(Server().Body, outcome.Body);
    }

    [Fact]
    public void A_client_that_sets_a_field_to_null_clears_it()
    {
        var changes = new JsonObject { ["guardian_name"] = null };

        var outcome = ConflictResolver.Merge(Input(changes, baseVersion: 5, ConflictStrategy.MergeWithServerPriority));

        Assert.Equal(["guardian_name"], outcome.TakenFields);
        Assert.True(outcome.Body.ContainsKey("guardian_name"));
        Assert.Null(outcome.Body["guardian_name"]);
    }

    [Fact]
    public void Merge_leaves_the_server_document_and_the_client_changes_as_they_were()
    {
        // The conflict log records the server's and the client's data after the merge: the merge must not alter them.
        var input = Input(StaleEdit(), baseVersion: 3, ConflictStrategy.ClientWins);

        var outcome = ConflictResolver.Merge(input);
        outcome.Body["last_name"] = "changed after the merge";

        AssertJsonEqual(Server().Body, input.Server.Body);
        AssertJsonEqual(StaleEdit(), input.ClientChanges);
    }

    private static void AssertJsonEqual(JsonNode expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\n  actual {actual.ToJsonString()}");
}
