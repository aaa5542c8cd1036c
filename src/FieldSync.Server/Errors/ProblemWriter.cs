using FieldSync.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace FieldSync.Server.Errors;

/// <summary>Writes RFC 9457 problem details with the API's <c>code</c> and <c>errors</c> members.</summary>
public static class ProblemWriter
{
    /// <summary>The problem for a status, code, detail and field errors.</summary>
    public static ProblemDetails Create(int status, string code, string detail, IReadOnlyList<FieldError> errors)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Titles.For(code),
            Detail = detail,
            Type = $"https://fieldsync.dev/problems/{code.Replace('_', '-')}",
        };
        problem.Extensions["code"] = code;
        problem.Extensions["errors"] = errors.Select(e => new { field = e.Field, rule = e.Rule, message = e.Message }).ToArray();
        return problem;
    }

    /// <summary>Writes the problem as the response, through the framework's problem details service.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail, IReadOnlyList<FieldError> errors)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Create(status, code, detail, errors) });
    }
}
