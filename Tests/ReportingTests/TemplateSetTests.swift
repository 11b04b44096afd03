import Foundation
import Testing
import TestSupport
@testable import Reporting

struct TemplateSetTests {
    static let builtIn = Paths.root.appendingPathComponent("Templates").path

    @Test func allRequiredTemplatesShip() throws {
        let set = try TemplateSet(builtIn: Self.builtIn, overrides: nil)
        for name in TemplateSet.required { #expect(set.origins[name]?.hasPrefix(Self.builtIn) == true, "\(name)") }
    }

    @Test func aUsersTemplateOverridesTheBuiltInOneByName() throws {
        let folder = try TemporaryDirectory("templates")
        try Data("{{%CONTENT_TYPE: TEXT}}\n[TFT] {{week}}\n".utf8).write(to: folder.appendingPathComponent("email-subject.mustache"))
        let set = try TemplateSet(builtIn: Self.builtIn, overrides: folder.path)
        #expect(set.origins["email-subject"] == folder.appendingPathComponent("email-subject.mustache").path)
        #expect(set.origins["report.md"]?.hasPrefix(Self.builtIn) == true)
        struct View { let week = "2009-W12" }
        #expect(try set.render("email-subject", View()) == "[TFT] 2009-W12\n")
    }

    @Test func aMissingTemplateIsNamed() throws {
        let folder = try TemporaryDirectory("templates-empty")
        let error = try #require(throws: TemplateError.self) { try TemplateSet(builtIn: folder.path, overrides: nil) }
        #expect(error.description.contains("template 'report.md.mustache' not found in \(folder.path)"))
    }

    @Test func aBrokenTemplateNamesItsFile() throws {
        let folder = try TemporaryDirectory("templates-broken")
        try Data("{{#programs}} never closed".utf8).write(to: folder.appendingPathComponent("report.md.mustache"))
        let error = try #require(throws: TemplateError.self) { try TemplateSet(builtIn: Self.builtIn, overrides: folder.path) }
        #expect(error.description.contains("report.md.mustache: template does not parse"))
    }

    @Test func aMisspeltOverrideFolderIsAnErrorNotTheBuiltInTemplates() throws {
        let folder = Paths.temporaryDirectory("templates-parent")
        let misspelt = folder.appendingPathComponent("Templtes").path
        let error = try #require(throws: TemplateError.self) { try TemplateSet(builtIn: Self.builtIn, overrides: misspelt) }
        #expect(error.description.contains(misspelt))
    }
}
