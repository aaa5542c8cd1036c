using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace FieldSync.Core.Validation;

/// <summary>
/// The configured field patterns, each compiled once and matched against the whole value. Where .NET's non-backtracking
/// engine takes a pattern (no backreferences or lookarounds; every pattern of the shipped configuration), matching takes
/// time linear in the value and needs no timeout: a timeout measured on the clock rejected valid values, as broken
/// rules, whenever a garbage collection or the machine's load held the request for 50 ms. Other patterns keep the
/// backtracking engine and its timeout, against a pattern that could backtrack for ever.
/// </summary>
internal static class FieldPatterns
{
    private static readonly TimeSpan _backtrackingTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly ConcurrentDictionary<string, Regex> _compiled = new(StringComparer.Ordinal);

    /// <summary>Whether the whole of <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool MatchesWhole(string text, string pattern)
    {
        try
        {
            return _compiled.GetOrAdd(pattern, Compile).IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // \A and \z, not ^ and $: $ also matches before a final newline, which would let "value\n" through.
    private static Regex Compile(string pattern)
    {
        var whole = $@"\A(?:{pattern})\z";
        try
        {
            return new Regex(whole, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(whole, RegexOptions.CultureInvariant, _backtrackingTimeout);
        }
    }
}
