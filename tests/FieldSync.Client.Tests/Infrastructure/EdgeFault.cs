namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>What the network edge does to a request instead of passing it through.</summary>
public enum EdgeFault
{
    /// <summary>The connection fails before the request reaches the server.</summary>
    DropBeforeServer,

    /// <summary>The server gets and answers the request, then the connection drops before the reply reaches the device.</summary>
    DropAfterServer,

    /// <summary>The server answers, and the reply's body is cut halfway.</summary>
    CutBody,

    /// <summary>The server answers, and the reply's body stops halfway without an end (a link that hangs).</summary>
    StallBody,

    /// <summary>A 503 from a proxy; the server never sees the request.</summary>
    Unavailable,

    /// <summary>The server answers, and a proxy replaces the reply with a 502.</summary>
    BadGatewayAfterServer,

    /// <summary>The server answers, and the reply arrives only after a long delay (longer than the client's timeout).</summary>
    SlowReply,
}
