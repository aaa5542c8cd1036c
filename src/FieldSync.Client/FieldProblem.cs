namespace FieldSync.Client;

/// <summary>One broken rule of a rejected operation, as the server reported it.</summary>
/// <param name="Field">The field at fault, e.g. <c>date_of_birth</c>; empty when the rule is about the whole document.</param>
/// <param name="Rule">The rule, e.g. <c>required</c>, <c>type</c>, <c>enum</c>, <c>notInFuture</c>.</param>
/// <param name="Message">A sentence for the user.</param>
public sealed record FieldProblem(string Field, string Rule, string Message);
