namespace Gaceta.Articles;

/// <summary>How <see cref="EditStory"/> lays a form's fields and intent over a story and one of its articles.</summary>
internal static class StoryFieldsApplied
{
    /// <returns>Whether any of the story's own fields changed.</returns>
    internal static bool ApplyStoryFields(Story story, EditStory.StoryFields fields)
    {
        var before = (story.SectionId, story.WireCredit, story.LeadImage?.Url, story.LeadImage?.Credit, story.LeadMediaId, Authors: string.Join(',', story.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId)));
        story.SectionId = fields.SectionId;
        story.WireCredit = string.IsNullOrWhiteSpace(fields.WireCredit) ? null : fields.WireCredit.Trim();
        story.LeadImage = string.IsNullOrWhiteSpace(fields.ImageUrl)
            ? null
            : new LeadImage { Url = fields.ImageUrl.Trim(), Credit = string.IsNullOrWhiteSpace(fields.ImageCredit) ? null : fields.ImageCredit.Trim() };
        story.LeadMediaId = fields.LeadMediaId;

        var wanted = fields.AuthorIds.Distinct().ToList();
        story.Authors.RemoveAll(a => !wanted.Contains(a.AuthorId));
        for (var i = 0; i < wanted.Count; i++)
        {
            var byline = story.Authors.Find(a => a.AuthorId == wanted[i]);
            if (byline is null)
            {
                story.Authors.Add(new StoryAuthor { AuthorId = wanted[i], Position = i });
            }
            else
            {
                byline.Position = i;
            }
        }

        var after = (story.SectionId, story.WireCredit, story.LeadImage?.Url, story.LeadImage?.Credit, story.LeadMediaId, Authors: string.Join(',', story.Authors.OrderBy(a => a.Position).Select(a => a.AuthorId)));
        return before != after;
    }

    /// <returns>Whether the text readers see changed.</returns>
    internal static bool ApplyArticleFields(Article article, EditStory.ArticleFields fields, string slug)
    {
        var headline = fields.Headline.Trim();
        var standfirst = fields.Standfirst.Trim();
        var body = fields.Body.ReplaceLineEndings("\n").Trim();
        var alt = string.IsNullOrWhiteSpace(fields.ImageAlt) ? null : fields.ImageAlt.Trim();
        var changed = article.Headline != headline || article.Standfirst != standfirst || article.Body != body
            || article.Slug != slug || article.LeadImageAlt != alt;
        article.Headline = headline;
        article.Standfirst = standfirst;
        article.Body = body;
        article.Slug = slug;
        article.LeadImageAlt = alt;
        return changed;
    }

    internal static void ApplyIntent(Article article, EditStory.Command command, DateTime now)
    {
        switch (command.Intent)
        {
            case EditStory.Intent.Publish:
                // A first publication, or a scheduled one brought forward, is dated now; a republished article keeps its date and address.
                if (article.PublishedAt is not { } published || published > now || article.Status == ArticleStatus.Scheduled)
                {
                    article.PublishedAt = command.FirstPublishedAt is { } first && first <= now ? first : now;
                }

                article.Status = ArticleStatus.Published;
                break;
            case EditStory.Intent.Schedule:
                article.Status = ArticleStatus.Scheduled;
                article.PublishedAt = command.ScheduleAt;
                break;
            case EditStory.Intent.Unpublish:
                article.Status = ArticleStatus.Draft;
                if (article.PublishedAt > now)
                {
                    article.PublishedAt = null;
                }

                break;
            case EditStory.Intent.Save:
            default:
                break;
        }
    }
}
