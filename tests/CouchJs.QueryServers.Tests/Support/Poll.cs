namespace CouchJs.QueryServers.Tests.Support;

/// <summary>Waits for a condition another thread or process makes true (a process exiting).</summary>
public static class Poll
{
    public static async Task Until(Func<bool> condition, int timeoutMs = 30000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within " + timeoutMs + " ms");
            await Task.Delay(10);
        }
    }
}
