namespace Gaceta.Subscribers;

/// <summary>
/// What a change a signed-in subscriber makes themselves came to (<see cref="SetSubscriberLanguage"/>,
/// <see cref="SubscribeFromAccount"/>, <see cref="UnsubscribeFromAccount"/>).
/// </summary>
public enum SubscriberAccountOutcome
{
    Done,

    /// <summary>No such subscriber (erased since signing in) or newsletter.</summary>
    NotFound,

    /// <summary>A premium newsletter without a grant, or a language the site does not have.</summary>
    NotAllowed,
}
