using Gaceta.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Gaceta.Tests.Subscribers;

public sealed class MailTransportTests
{
    [Fact]
    public async Task WithoutAnSmtpHost_MessagesAreWrittenAsEmlFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gaceta-tests", $"mail-{Guid.NewGuid():N}");
        var transport = new PickupDirectoryMailTransport(
            Options.Create(new MailOptions { PickupDirectory = folder }),
            new FakeTimeProvider(),
            NullLogger<PickupDirectoryMailTransport>.Instance);
        var message = new MimeMessage { Subject = "Prueba" };
        message.From.Add(MailboxAddress.Parse("newsletters@gaceta.test"));
        message.To.Add(MailboxAddress.Parse("ana@example.org"));
        message.Body = new TextPart("plain") { Text = "Hola" };

        await transport.SendAsync(message, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal("Prueba", written.Subject);
        Directory.Delete(folder, recursive: true);
    }
}
