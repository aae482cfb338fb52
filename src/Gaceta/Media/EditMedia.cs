using Gaceta.Articles;
using Gaceta.Audit;
using Gaceta.Changes;
using Gaceta.Data;
using Gaceta.Site;
using Gaceta.Staff;
using Microsoft.EntityFrameworkCore;

namespace Gaceta.Media;

/// <summary>
/// Changes what readers are told about a library photo (alternative text and caption per language, credit) and
/// where its crops centre. Stories showing it are announced as changed, so their cached pages go.
/// </summary>
public static class EditMedia
{
    /// <param name="FocalX">Where crops centre across, from 0 (left) to 1 (right); null for the middle.</param>
    public sealed record Command(int Id, string? Credit, IReadOnlyDictionary<string, UploadMedia.TextInput> Texts, double? FocalX, double? FocalY, Actor Actor);

    public enum Outcome
    {
        Saved,
        Invalid,
        NotFound,
        Forbidden,
    }

    public sealed record Result(Outcome Outcome, string? Error);

    public sealed class Handler(GacetaDb db, SiteLanguages languages, AuditLog audit, ChangeFeed changes)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(command);
            if (!command.Actor.CanCreateStories())
            {
                return new Result(Outcome.Forbidden, null);
            }

            var item = await db.Set<MediaItem>().Include(m => m.Texts).FirstOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
            if (item is null)
            {
                return new Result(Outcome.NotFound, null);
            }

            if (UploadMedia.TextError(command.Credit, command.Texts) is { } error)
            {
                return new Result(Outcome.Invalid, error);
            }

            if (command.FocalX is < 0 or > 1 || command.FocalY is < 0 or > 1)
            {
                return new Result(Outcome.Invalid, MediaErrors.FocalOutOfRange);
            }

            item.Credit = string.IsNullOrWhiteSpace(command.Credit) ? null : command.Credit.Trim();
            item.FocalX = command.FocalX;
            item.FocalY = command.FocalY;
            foreach (var (language, text) in command.Texts.Where(t => languages.IsSupported(t.Key)))
            {
                var stored = item.TextIn(language);
                if (stored is null)
                {
                    stored = new MediaText { Language = language };
                    item.Texts.Add(stored);
                }

                stored.Alt = text.Alt?.Trim() ?? string.Empty;
                stored.Caption = string.IsNullOrWhiteSpace(text.Caption) ? null : text.Caption.Trim();
            }

            audit.Add(command.Actor, AuditActions.MediaEdited, $"{item.FileName} (#{item.Id})");
            await db.SaveChangesAsync(cancellationToken);

            var stories = await ListMediaUses.StoriesUsing(db, item.Id)
                .Select(s => new { s.Id, s.SectionId, Authors = s.Authors.Select(a => a.AuthorId).ToList() })
                .ToListAsync(cancellationToken);
            foreach (var story in stories)
            {
                await changes.AnnounceAsync(new StoryChanged(new ReaderChange(story.Id, [story.SectionId], story.Authors)), cancellationToken);
            }

            return new Result(Outcome.Saved, null);
        }
    }
}
