using Gaceta.Mail;

namespace Gaceta.Tests.Mail;

/// <summary>The one canonical form of an email address.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ana@example.org", "ana@example.org")]
    [InlineData("  Ana.Ruiz+polls@Example.ORG \t", "ana.ruiz+polls@example.org")]
    [InlineData("ana@BÜCHER.example", "ana@xn--bcher-kva.example")]
    [InlineData("josé@correo.example", "josé@correo.example")]
    [InlineData("ana@xn--bcher-kva.example", "ana@xn--bcher-kva.example")]
    [InlineData("ana@example.org.", "ana@example.org")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    public void PlainAddresses_TakeTheirCanonicalForm(string typed, string canonical) =>
        Assert.Equal(canonical, EmailAddress.Canonicalize(typed));

    [Theory]
    [InlineData("<ana@example.org>")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData("\"Ana\" <ana@example.org>")]
    [InlineData("ana@example.org (Ana)")]
    [InlineData("(Ana) ana@example.org")]
    [InlineData("ana@example.org, bob@example.org")]
    [InlineData("ana@example.org;bob@example.org")]
    [InlineData("friends: ana@example.org;")]
    [InlineData("\"ana\"@example.org")]
    [InlineData("ana@[192.0.2.1]")]
    [InlineData("ana@192.0.2.1")]
    [InlineData("@example.org")]
    [InlineData("ana@")]
    [InlineData("ana")]
    [InlineData("ana@localhost")]
    [InlineData("ana@@example.org")]
    [InlineData("ana@exa mple.org")]
    [InlineData("an a@example.org")]
    [InlineData(".ana@example.org")]
    [InlineData("ana.@example.org")]
    [InlineData("a..na@example.org")]
    [InlineData("ana@-example.org")]
    [InlineData("ana@exa_mple.org")]
    [InlineData("ana\u0000@example.org")]
    [InlineData("ana@example.org\r\nBcc: victim@example.org")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AnythingButOnePlainAddress_IsRefused(string? typed) =>
        Assert.Null(EmailAddress.Canonicalize(typed));

    [Fact]
    public void AddressesLongerThanAMailPathAllows_AreRefused()
    {
        Assert.Null(EmailAddress.Canonicalize(new string('a', 65) + "@example.org"));
        Assert.Null(EmailAddress.Canonicalize("ana@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 5)) + ".org"));
        Assert.NotNull(EmailAddress.Canonicalize(new string('a', 64) + "@example.org"));
    }

    [Theory]
    [InlineData("<Ana@Example.org>", "ana@example.org")]
    [InlineData("Ana Ruiz <ana@example.org>", "ana@example.org")]
    [InlineData("ana@bücher.example", "ana@xn--bcher-kva.example")]
    [InlineData("not an address", null)]
    public void LooserStoredSpellings_AreRecovered(string stored, string? canonical) =>
        Assert.Equal(canonical, EmailAddress.Recover(stored));

    [Fact]
    public void TheCanonicalForm_IsItsOwnCanonicalForm()
    {
        foreach (var typed in new[] { " Ana@Example.ORG", "ana@BÜCHER.example", "josé@Correo.Example" })
        {
            var once = EmailAddress.Canonicalize(typed)!;
            Assert.Equal(once, EmailAddress.Canonicalize(once));
            Assert.Equal(once, EmailAddress.Key(once));
        }
    }
}
