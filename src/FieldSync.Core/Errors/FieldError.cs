namespace FieldSync.Core.Errors;

/// <summary>One broken rule: the field (a JSON path or name), the rule's stable name, and a sentence for people.</summary>
public sealed record FieldError(string Field, string Rule, string Message);
