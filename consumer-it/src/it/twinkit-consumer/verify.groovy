// Run by maven-invoker-plugin after the consumer build succeeded; a failed assert fails the main build.
// basedir: the consumer project as built (target/it/twinkit-consumer, its pom with the main build's versions filled
// in); readme: the repository's README.md (scriptVariables in consumer-it/pom.xml).

// 1. The consumer's test ran, and passed: a build that ran no test proves nothing.
File report = new File(basedir, 'target/surefire-reports/TEST-com.example.fleet.PlantInventoryTest.xml')
assert report.isFile() : "the consumer's test did not run: no ${report}"
String suite = report.text.find(/<testsuite [^>]*>/)
assert suite =~ /tests="1"/ && suite =~ /failures="0"/ && suite =~ /errors="0"/ && suite =~ /skipped="0"/ :
        "the consumer's test did not pass exactly once: ${suite}"

// 2. README.md's "Use it" section shows what was just built: each source file whole (a leading // comment aside),
//    and each block of its pom snippet inside the consumer's pom (indentation aside).
String text = new File(readme).text
int start = text.indexOf('\n## Use it\n')
assert start >= 0 : "README.md has no '## Use it' section"
int end = text.indexOf('\n## ', start + 1)
String section = end < 0 ? text.substring(start) : text.substring(start, end)

['src/main/java/com/example/fleet/PlantInventory.java',
 'src/main/java/com/example/fleet/Modem.java',
 'src/test/java/com/example/fleet/PlantInventoryTest.java'].each { String path ->
    String code = new File(basedir, path).readLines().dropWhile { it.startsWith('//') }.join('\n').trim()
    assert section.contains('```java\n' + code + '\n```') : "README.md's 'Use it' section does not show ${path} as it is"
}

Closure<String> lines = { String xml -> xml.readLines()*.trim().findAll { it }.join('\n') }
String pom = lines(new File(basedir, 'pom.xml').text)
List<String> snippets = section.findAll(/(?s)```xml\n(.*?)```/) { all, body -> body }
assert snippets : "README.md's 'Use it' section has no xml snippet"
snippets.each { String snippet ->
    snippet.split(/\n\s*\n/).each { String block ->
        assert pom.contains(lines(block)) : "the consumer's pom does not contain README.md's\n${block}"
    }
}
return true
