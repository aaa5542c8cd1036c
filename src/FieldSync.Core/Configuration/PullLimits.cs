namespace FieldSync.Core.Configuration;

/// <summary>Pull paging limits.</summary>
public sealed class PullLimits
{
    /// <summary>Documents per page when the request names no limit. Default: 500.</summary>
    public int DefaultPageLimit { get; init; } = 500;

    /// <summary>The largest page a device may ask for. Default: 1000.</summary>
    public int MaxPageLimit { get; init; } = 1000;

    /// <summary>The most pages one response may carry. Default: 20.</summary>
    public int MaxPages { get; init; } = 20;
}
