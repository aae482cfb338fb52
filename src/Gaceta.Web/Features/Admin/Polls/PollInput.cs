using System.Globalization;
using Gaceta.Audit;
using Gaceta.Polls;
using Gaceta.Site;

namespace Gaceta.Web.Features.Admin.Polls;

/// <summary>The poll form's fields, as posted.</summary>
public sealed class PollInput
{
    /// <summary>Rows for new answers offered below the existing ones.</summary>
    public const int BlankOptions = 2;

    public string Key { get; set; } = string.Empty;

    /// <summary>The version the form was filled from.</summary>
    public int Version { get; set; }

    /// <summary>Local times in the newsroom's zone, as <c>datetime-local</c> fields send them.</summary>
    public string? OpensAt { get; set; }

    public string? ClosesAt { get; set; }

    public int? NewsletterId { get; set; }

    public Dictionary<string, string?> Questions { get; set; } = [];

    public Dictionary<string, string?> Consent { get; set; } = [];

    public List<OptionRow> Options { get; set; } = [];

    public sealed class OptionRow
    {
        public int? Id { get; set; }

        public Dictionary<string, string?> Texts { get; set; } = [];
    }

    public static PollInput From(ReadPollEditor.Model? poll, SiteClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var input = poll is null
            ? new PollInput()
            : new PollInput
            {
                Key = poll.Key,
                Version = poll.Version,
                OpensAt = Local(poll.OpensAt, clock),
                ClosesAt = Local(poll.ClosesAt, clock),
                NewsletterId = poll.NewsletterId,
                Questions = poll.Questions.ToDictionary(p => p.Key, p => (string?)p.Value),
                Consent = poll.ConsentTexts.ToDictionary(p => p.Key, p => (string?)p.Value),
                Options = poll.Options.Select(o => new OptionRow { Id = o.Id, Texts = o.Texts.ToDictionary(t => t.Key, t => t.Value) }).ToList(),
            };
        input.AddBlankOptions();
        return input;
    }

    /// <summary>Pads the answers with empty rows to fill in; empty rows are ignored when saving.</summary>
    public void AddBlankOptions()
    {
        var blanks = Options.Count(o => o.Id is null && o.Texts.Values.All(string.IsNullOrWhiteSpace));
        for (var i = blanks; i < BlankOptions; i++)
        {
            Options.Add(new OptionRow());
        }
    }

    public EditPoll.Command ToCommand(int? pollId, SiteClock clock, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new EditPoll.Command(
            pollId,
            Version,
            Key ?? string.Empty,
            Utc(OpensAt, clock),
            Utc(ClosesAt, clock),
            NewsletterId,
            Questions,
            Options.Select(o => new EditPoll.OptionInput(o.Id, o.Texts)).ToList(),
            Consent,
            actor);
    }

    private static DateTime? Utc(string? local, SiteClock clock) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? clock.FromLocal(parsed) : null;

    private static string? Local(DateTime? utc, SiteClock clock) =>
        utc is { } value ? clock.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;
}
