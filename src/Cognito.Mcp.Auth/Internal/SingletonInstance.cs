using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Internal;

/// <summary>
/// Registration state kept as an instance in the service collection, so that an <c>Add…</c> method called again (for
/// another name, another pool) sees what the earlier calls registered while the container is still being built.
/// </summary>
internal static class SingletonInstance
{
    /// <summary>The <typeparamref name="T"/> instance an earlier call added, or a new one, added now.</summary>
    public static T GetOrAdd<T>(IServiceCollection services)
        where T : class, new()
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationInstance is T existing)
            {
                return existing;
            }
        }

        var instance = new T();
        services.AddSingleton(instance);
        return instance;
    }
}
