namespace Gaceta.Web;

/// <summary>
/// Marker for the interface text shared by all pages. Keys are the English text; translations live in
/// <c>Resources/SharedResource.{culture}.resx</c>. It sits in the root namespace so that its resources are
/// found at <c>Resources/SharedResource</c>.
/// </summary>
public sealed class SharedResource;
