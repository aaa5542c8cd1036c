namespace FieldSync.Core.Configuration;

/// <summary>The JSON type a document field must have.</summary>
public enum FieldType
{
    /// <summary>Any JSON value.</summary>
    Any,
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>A whole JSON number.</summary>
    Integer,
    /// <summary>Any JSON number.</summary>
    Number,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>A calendar date string, <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary>An ISO 8601 date and time string with an offset or Z.</summary>
    Datetime,
    /// <summary>A JSON object.</summary>
    Object,
    /// <summary>A JSON array.</summary>
    Array,
}
