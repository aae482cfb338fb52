using Gaceta.Articles;
using Gaceta.Audit;

namespace Gaceta.Staff;

/// <summary>
/// Who may do what to a story. Reporters write and edit their own drafts; translators create and edit
/// translations; editors and administrators do everything, and are the only ones who publish.
/// </summary>
public static class NewsroomPermissions
{
    public static bool IsPublisher(this Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return StaffPermissions.Has(actor.Role, StaffCapability.Publish);
    }

    public static bool CanCreateStories(this Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return StaffPermissions.Has(actor.Role, StaffCapability.WriteStories);
    }

    /// <summary>Section, authors, wire credit and lead image: the story's own fields.</summary>
    public static bool CanEditStoryFields(this Actor actor, Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return actor.IsPublisher()
            || (actor.Role == StaffRoles.Reporter && story.OwnerId == actor.Id && story.Articles.All(a => a.Status == ArticleStatus.Draft));
    }

    /// <summary>
    /// Editing one language version. A translator's saves to a published translation go live: keeping
    /// translations current is their job. A reporter's drafts stop being theirs to edit once published.
    /// </summary>
    public static bool CanEditArticle(this Actor actor, Story story, Article article)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(article);
        return actor.IsPublisher()
            || (actor.Role == StaffRoles.Reporter && story.OwnerId == actor.Id && article.Status == ArticleStatus.Draft)
            || (actor.Role == StaffRoles.Translator && article.SourceLanguage is not null);
    }

    /// <summary>Creating a language version from another one.</summary>
    public static bool CanTranslate(this Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return StaffPermissions.Has(actor.Role, StaffCapability.Translate);
    }

    /// <summary>Publishing, scheduling, unpublishing and public corrections.</summary>
    public static bool CanPublish(this Actor actor) => actor.IsPublisher();
}
