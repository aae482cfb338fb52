using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gaceta.Subscribers.EntityConfigurations;

/// <summary>How <see cref="SignInLink"/> is stored.</summary>
internal sealed class SignInLinkConfiguration : IEntityTypeConfiguration<SignInLink>
{
    public void Configure(EntityTypeBuilder<SignInLink> link)
    {
        link.HasOne<Subscriber>().WithMany().HasForeignKey(l => l.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}
