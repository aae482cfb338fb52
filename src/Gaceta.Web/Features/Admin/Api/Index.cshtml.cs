using Gaceta.Api;
using Microsoft.AspNetCore.Mvc;

namespace Gaceta.Web.Features.Admin.Api;

/// <summary>
/// API keys, for administrators, at <c>/admin/keys</c>: the list, a form to make one for a role (the key is
/// shown once), and revocation, which takes effect at the next request.
/// </summary>
public sealed class IndexModel(ListApiKeys.Handler list, CreateApiKey.Handler create, RevokeApiKey.Handler revoke) : AdminPageModel
{
    public const string Invalid = "Give the key a name (100 characters at most) and choose a role.";
    public const string RevokedNotice = "Key revoked. Requests with it are refused from now on.";

    public IReadOnlyList<ListApiKeys.Row> Keys { get; private set; } = [];

    /// <summary>Shown once, right after the key was made; only its hash is stored.</summary>
    public string? CreatedToken { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await list.HandleAsync(new ListApiKeys.Query(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? name, string? role, CancellationToken cancellationToken)
    {
        var created = await create.HandleAsync(new CreateApiKey.Command(name, role, Actor), cancellationToken);
        if (created is null)
        {
            Error = Invalid;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            CreatedToken = created.Token;
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        if (!await revoke.HandleAsync(new RevokeApiKey.Command(id, Actor), cancellationToken))
        {
            return NotFound();
        }

        Notify(RevokedNotice);
        return Redirect("/admin/keys");
    }
}
