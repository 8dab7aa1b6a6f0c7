#pragma once

#include <QWidget>
#include <memory>

namespace Ui {
class PlansPage;
}
class GuiContext;

// Plans (create, edit, delete) and subscriptions (give, edit, extend by one period, end).
class PlansPage : public QWidget
{
    Q_OBJECT
public:
    explicit PlansPage(GuiContext &context, QWidget *parent = nullptr);
    ~PlansPage() override;

public Q_SLOTS:
    void reload();
    void newPlan();
    void giveSubscription();

protected:
    void changeEvent(QEvent *event) override;

private:
    void editPlan();
    void deletePlan();
    void editSubscription();
    void extendSubscription();
    void endSubscription();
    void updateButtons();

    std::unique_ptr<Ui::PlansPage> ui;
    GuiContext &m_ctx;
};
