using Gaceta.Polls;

namespace Gaceta.Web.Features.Polls;

/// <summary>What a reader typed, shown again when the form comes back with errors.</summary>
public sealed record PollFormValues(string? Answer, string? Email, bool WantsNewsletter)
{
    public static PollFormValues Empty { get; } = new(null, null, false);
}

/// <summary>A message tied to the form field it is about (the id the error summary links to).</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>
/// One poll block inside a page: the form (with values and errors when it comes back) or the results.
/// </summary>
/// <param name="ReturnPath">The article the poll was answered from; the results page links back to it.</param>
/// <param name="Notice">A sentence about what just happened ("Your vote has been counted").</param>
public sealed record PollBlock(
    PollView Poll,
    string ReturnPath,
    PollFormValues Values,
    IReadOnlyList<FieldError> Errors,
    PollResults? Results,
    string? Notice)
{
    public static PollBlock Form(PollView poll, string returnPath) => new(poll, returnPath, PollFormValues.Empty, [], null, null);

    public string Id => $"poll-{Poll.Key}";

    public string FieldId(string field) => FieldIdFor(Poll.Key, field);

    /// <summary>The element id of a field of a poll's form; the error summary links to it.</summary>
    public static string FieldIdFor(string pollKey, string field) => $"poll-{pollKey}-{field}";

    /// <summary>Where an error about the answer points: the first option, the first stop of the radio group.</summary>
    public static string AnswerFieldId(PollView poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        return FieldIdFor(poll.Key, poll.Options.Count > 0 ? $"option-{poll.Options[0].Id}" : "answer");
    }

    public string? ErrorFor(string fieldId) => Errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;
}

/// <summary>Where the form posts and where results are read, in the poll's language.</summary>
public static class PollPaths
{
    public static string Poll(string language, string key) => $"/{language}/polls/{key}";

    public static string Results(string language, string key) => $"/{language}/polls/{key}/results";

    /// <summary><c>?fragment=1</c> asks for the poll block alone, without the page around it.</summary>
    public static bool IsFragmentRequest(string? query) => query is "1" or "true";
}
